import SSHKeys
print("fuzz placeholder")
