"""Streamlit helpers shared by the pages (the only part of dlplay that imports streamlit)."""
