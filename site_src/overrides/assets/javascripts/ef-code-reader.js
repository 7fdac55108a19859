/*
 * Reads a partner's answer code as text, from the camera or from a photo: nothing more.
 * What the text means is decided in Python (worksheets/answer_code.py), which calls
 * window.efCode.scan(video), .stop() and .readPhoto(file), and listens for the code event
 * (ef-contract.js) on document: detail {kind: "text", text} or {kind: <a problem>, text: ""}.
 *
 * The camera is asked for only by scan(), after a click; every track is stopped as soon as a
 * code is read, on stop() (Cancel), on an error and when the page is left. The video element
 * says where it stands in its camera attribute: off, starting, on, stopped (every track ended).
 * Decoding uses the browser's BarcodeDetector where it exists, else jsQR (self-hosted, npm),
 * loaded only when a code is first read: 250 KB of script a phone need not run otherwise.
 * Pixels are read from a canvas in this page; no frame or photo is kept or sent anywhere.
 */
(function () {
  "use strict";

  var CAMERA_SIDE = 800; // pixels: camera frames are scaled down to this for speed
  var PHOTO_SIDE = 2000; // photos keep more detail: the code may be small in them
  var PHOTO_BYTES = 30 * 1024 * 1024;
  var FRAME_MS = 120;
  var CAMERA = window.efContract.attributes.camera; // the video element's state attribute
  var JSQR = document.currentScript.dataset.jsqr; // jsQR's address, from this page

  var session = 0; // a scan() or stop() makes older camera work moot
  var stream = null;
  var video = null;
  var timer = 0;
  var canvas = document.createElement("canvas");
  var native = null;

  var jsqr = null; // a promise: true once window.jsQR is there, false if it could not load

  function loadJsqr() {
    if (jsqr === null) {
      jsqr = new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = JSQR;
        script.onload = function () { resolve(typeof window.jsQR === "function"); };
        script.onerror = function () { jsqr = null; resolve(false); };  // may be tried again
        document.head.append(script);
      });
    }
    return jsqr;
  }

  function report(kind, text) {
    var detail = { kind: kind, text: text || "" };
    document.dispatchEvent(new CustomEvent(window.efContract.events.code, { detail: detail }));
  }

  async function nativeDetector() {
    if (native !== null || !("BarcodeDetector" in window)) return native || null;
    try {
      var formats = await window.BarcodeDetector.getSupportedFormats();
      native = formats.indexOf("qr_code") >= 0 ? new window.BarcodeDetector({ formats: ["qr_code"] }) : false;
    } catch (error) {
      native = false;
    }
    return native || null;
  }

  // The text of the first QR code in `source` (a video or an ImageBitmap), or null. Our codes
  // are drawn dark on light; a photo gets the slower search for light-on-dark ones too.
  async function decode(source, width, height, side, inversion) {
    var detector = await nativeDetector();
    if (detector) {
      try {
        var found = await detector.detect(source);
        if (found.length) return found[0].rawValue;
      } catch (error) { /* fall through to jsQR */ }
    }
    if (!(await loadJsqr()) || !width || !height) return null;
    var scale = Math.min(1, side / Math.max(width, height));
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    var context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    var pixels = context.getImageData(0, 0, canvas.width, canvas.height);
    var code = window.jsQR(pixels.data, canvas.width, canvas.height, { inversionAttempts: inversion });
    context.clearRect(0, 0, canvas.width, canvas.height);
    return code ? code.data : null;
  }

  function endTracks(media) {
    if (!media) return true;
    media.getTracks().forEach(function (track) { track.stop(); });
    return media.getTracks().every(function (track) { return track.readyState === "ended"; });
  }

  function stop() {
    session += 1;
    clearTimeout(timer);
    var had = stream !== null;
    var ended = endTracks(stream);
    stream = null;
    if (video) {
      video.pause();
      video.srcObject = null;
      video.setAttribute(CAMERA, had ? (ended ? "stopped" : "stopping") : "off");
    }
  }

  async function scan(element) {
    stop();
    var mine = session;
    video = element;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return report("unsupported");
    video.setAttribute(CAMERA, "starting");
    if (!("BarcodeDetector" in window)) loadJsqr(); // while the browser asks for the camera
    var media;
    try {
      media = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { facingMode: { ideal: "environment" } },
      });
    } catch (error) {
      if (mine === session) video.setAttribute(CAMERA, "off");
      var name = error && error.name;
      if (name === "NotAllowedError" || name === "SecurityError") return report("denied");
      if (name === "NotFoundError" || name === "OverconstrainedError") return report("no-camera");
      return report("failed");
    }
    if (mine !== session) return endTracks(media); // cancelled while the browser was asking
    stream = media;
    video.srcObject = media;
    video.setAttribute(CAMERA, "on");
    video.play().catch(function () { /* muted and inline: plays; frames are read anyway */ });

    async function look() {
      if (mine !== session) return;
      var text = null;
      if (video.readyState >= 2) {
        try {
          text = await decode(video, video.videoWidth, video.videoHeight, CAMERA_SIDE, "dontInvert");
        } catch (error) {
          stop();
          return report("failed");
        }
      }
      if (mine !== session) return;
      if (text !== null) {
        stop(); // the camera goes off before anything else happens
        return report("text", text);
      }
      timer = setTimeout(look, FRAME_MS);
    }
    look();
  }

  async function readPhoto(file) {
    if (!file) return;
    if (file.size > PHOTO_BYTES) return report("photo-too-large");
    var bitmap;
    try {
      bitmap = await createImageBitmap(file);
    } catch (error) {
      return report("photo-unreadable");
    }
    try {
      var text = await decode(bitmap, bitmap.width, bitmap.height, PHOTO_SIDE, "attemptBoth");
      report(text === null ? "no-code" : "text", text);
    } catch (error) {
      report("photo-unreadable");
    } finally {
      bitmap.close();
    }
  }

  window.addEventListener("pagehide", stop);
  window.efCode = { scan: scan, stop: stop, readPhoto: readPhoto };
})();
