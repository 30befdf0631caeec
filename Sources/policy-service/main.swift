print("policy-service: not built yet")
