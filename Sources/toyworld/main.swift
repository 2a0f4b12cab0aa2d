print("toyworld")
