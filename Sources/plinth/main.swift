print("plinth: not built yet")
