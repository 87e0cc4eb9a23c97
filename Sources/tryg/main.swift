print("tryg")
