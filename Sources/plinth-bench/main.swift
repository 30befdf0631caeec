print("plinth-bench: not built yet")
