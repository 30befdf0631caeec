enum PlinthLoaderPlaceholder {}
