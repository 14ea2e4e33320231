print("calicap")
