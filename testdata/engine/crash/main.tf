# Many instant resources of three builtin kinds, killed mid-apply by the crash-safety test.
resource "terraform_data" "many" {
  count = 150
  input = "instance-${count.index}"
}

resource "random_id" "many" {
  count       = 75
  byte_length = 4
}

# Each file waits for its random_id, so files are written all through the apply.
resource "local_file" "many" {
  count    = 75
  filename = "${path.module}/out/file-${count.index}.txt"
  content  = "file ${count.index} ${random_id.many[count.index].hex}\n"
}

# Holds the apply open for a few seconds, so the kill always lands before it ends, however
# late the test sees the progress lines (the 300 others can all finish within a second).
resource "time_sleep" "hold" {
  create_duration = "3s"
}
