import PlinthAuth
enum PolicyServicePlaceholder {}
