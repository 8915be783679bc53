"""The web chat widget: its demo-page server and its Rasa socket.io channel (the widget itself is in widget/)."""
