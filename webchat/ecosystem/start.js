/* Starts rasa-webchat 1.0.1 (its lib/index.js bundle, from npm) against the Rasa server named on #webchat. */
(function () {
  var host = document.getElementById("webchat");
  window.WebChat.default({
    selector: "#webchat",
    socketUrl: host.dataset.serverUrl,
    socketPath: "/socket.io/",
    customData: { language: "en" },
    title: "rasa-webchat 1.0.1",
    initPayload: "/greet",
    embedded: false,
    params: { storage: "session" }
  }, null);
})();
