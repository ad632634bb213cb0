"""Reading a Markdown file: bytes to text, the front matter fences, YAML nodes with their positions, limits."""
