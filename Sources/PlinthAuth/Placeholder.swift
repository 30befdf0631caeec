import PolicyModel
enum PlinthAuthPlaceholder {}
