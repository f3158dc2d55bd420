"""Pages: plan which Markdown pages the site has and render them with the templates."""
