// Runs Python source from stdin in MicroPython 1.27 (the interpreter of the site's pages),
// with the `worksheets` package copied into its file system. Used by tests/portable/.
// argv: <micropython.mjs> <dir of the worksheets package, as .py or .mpy> [input file]
// The input file, if given, is readable in Python as /app/input.json.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [runtime, packageDir, input] = process.argv.slice(2);
const { loadMicroPython } = await import(pathToFileURL(runtime).href);
const mp = await loadMicroPython({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  linebuffer: false,
  heapsize: 256 * 1024 * 1024,
});
mp.FS.mkdir("/app");
mp.FS.mkdir("/app/worksheets");
for (const name of fs.readdirSync(packageDir).sort()) {
  if (name.endsWith(".py") || name.endsWith(".mpy")) {
    mp.FS.writeFile(`/app/worksheets/${name}`, fs.readFileSync(path.join(packageDir, name)));
  }
}
if (input) mp.FS.writeFile("/app/input.json", fs.readFileSync(input));
const source = fs.readFileSync(0, "utf8");
try {
  mp.runPython("import sys\nsys.path.insert(0, '/app')\n" + source);
} catch (error) {
  process.stderr.write(String(error.message ?? error) + "\n");
  process.exit(1);
}
