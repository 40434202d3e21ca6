"""DL Playground: the library behind the Streamlit pages (no streamlit outside dlplay/ui)."""
__version__ = "0.1.0"
