"""nn.Module definitions, one file per family (torch; imported only when training or exporting)."""
