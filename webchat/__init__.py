"""The web chat widget: its demo-page server (the widget itself is in widget/).

Its Rasa channel is channels/socketio.py."""
