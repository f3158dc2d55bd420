/*
 * bienban offline copy: the search worker of a site opened from a folder.
 *
 * Written only into `bienban build --offline` copies (generator/offline.py),
 * loaded in every page's <head> before Material's bundle.  Opened from disk
 * (file://), Chromium refuses `new Worker(file://…)` and any fetch() of
 * another file, so Material could not start our search worker
 * (assets/javascripts/bienban-search.js) and the worker could not read its
 * index.  Here `Worker` becomes a stand-in that runs the worker in a hidden
 * frame, bienban-search-frame.html beside it, whose own address is in
 * assets/javascripts/ as the worker's would be: the worker finds chi-muc/
 * where it does online, and the frame reads each index file from the script
 * the offline build writes beside it (chi-muc/NAME.js for chi-muc/NAME.json).
 *
 * Messages go through a MessageChannel handed to the frame once it has
 * loaded; the page's messages wait until then.  Served over http(s) the copy
 * keeps the real Worker: this file then changes nothing.
 *
 * Plain ES2017, no build step, no request outside the copy.
 */
"use strict";

(function () {
  if (location.protocol !== "file:") return;

  var FRAME = "bienban-search-frame.html";

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.waiting = [];
      this.port = null;
      var frame = document.createElement("iframe");
      frame.hidden = true;
      frame.title = "bienban search";
      frame.src = new URL(FRAME, new URL(String(url), location.href)).href;
      frame.addEventListener("load", this.connect.bind(this, frame), { once: true });
      this.frame = frame;
      document.body.appendChild(frame);
    }

    connect(frame) {
      var channel = new MessageChannel();
      channel.port1.onmessage = this.receive.bind(this);
      frame.contentWindow.postMessage("bienban-search-port", "*", [channel.port2]);
      this.port = channel.port1;
      this.waiting.splice(0).forEach(function (data) { this.port.postMessage(data); }, this);
    }

    receive(ev) {
      var message = new MessageEvent("message", { data: ev.data });
      this.dispatchEvent(message);
      if (typeof this.onmessage === "function") this.onmessage(message);
    }

    postMessage(data) {
      if (this.port) this.port.postMessage(data); else this.waiting.push(data);
    }

    terminate() {
      if (this.port) this.port.close();
      this.frame.remove();
    }
  }

  window.Worker = FrameWorker;
})();
