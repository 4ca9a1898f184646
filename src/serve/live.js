// casebook serve: live reload. Added to HTML pages only while serving, never to `build` output.
// The server sends a message after every rebuild: {version, css_only, problems}. A new version
// reloads the page (or only its stylesheets); `problems` is the overlay of a failed rebuild,
// shown over the last good page until a rebuild succeeds.
(() => {
  const me = document.currentScript;
  let shown = Number(me.dataset.version);
  const overlay = (html) => {
    let box = document.getElementById("casebook-problems");
    if (!html) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      document.body.append(box);
    }
    box.outerHTML = html;
  };
  const restyle = () => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("casebook-reload", String(Date.now()));
      link.href = url.href;
    }
  };
  const connect = (delay) => {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const socket = new WebSocket(scheme + location.host + me.dataset.live);
    socket.onopen = () => (delay = 250);
    socket.onmessage = (event) => {
      const m = JSON.parse(event.data);
      if (m.problems) {
        overlay(m.problems);
      } else if (m.version !== shown) {
        if (m.css_only) {
          shown = m.version;
          overlay(null);
          restyle();
        } else {
          location.reload();
        }
      } else {
        overlay(null);
      }
    };
    // The server stopped or restarts: try again, less and less often.
    socket.onclose = () => setTimeout(() => connect(Math.min(delay * 2, 4000)), delay);
  };
  connect(250);
})();
