print("clinic-example: not built yet")
