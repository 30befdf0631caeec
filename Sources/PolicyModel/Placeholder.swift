// Placeholder until the RBAC model lands.
enum PolicyModelPlaceholder {}
