// Runs bytecode_compiler.py inside Pyodide, under Node, at build time (see bytecode.py).
// Usage: node bytecode.mjs <pyodide dir> <compiler.py> <dir of source zips> <output dir>
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, compiler, inDir, outDir] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + "/", stdout: console.log, stderr: console.error });
const names = readdirSync(inDir).sort();
pyodide.FS.mkdirTree("/bytecode/in");
pyodide.FS.mkdirTree("/bytecode/out");
for (const name of names) {
  pyodide.FS.writeFile(`/bytecode/in/${name}`, new Uint8Array(readFileSync(join(inDir, name))));
}
pyodide.runPython(readFileSync(compiler, "utf8") + '\nmain("/bytecode/in", "/bytecode/out")\n');
for (const name of names) {
  writeFileSync(join(outDir, name), pyodide.FS.readFile(`/bytecode/out/${name}`));
}
