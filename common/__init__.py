"""What the action server and the Rasa components share: text normalisation, names, languages.

The two run in different processes (the action server on rasa-sdk, the NLU
components and channels in Rasa), so neither imports the other. Both import
this package, which imports neither Rasa nor rasa-sdk: only the standard library.
"""
