print("edgebench")
