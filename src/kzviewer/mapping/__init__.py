"""The map page: map states and the folium page that shows them (pure Python)."""
