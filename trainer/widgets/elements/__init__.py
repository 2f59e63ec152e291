"""One module per element kind (or a few close kinds); each registers its
widget class with ``@element_widget(name)``. Imported by the registry."""
