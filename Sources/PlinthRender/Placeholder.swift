// Placeholder until PlinthRender lands.
enum PlinthRenderPlaceholder {}
