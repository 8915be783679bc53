"""`make report`: what users asked that the assistant could not answer, and how they rated its answers."""
