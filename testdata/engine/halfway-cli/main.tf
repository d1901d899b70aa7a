# An apply that fails halfway: local_file.bad cannot be written (its directory's path
# runs through "blocker", a regular file), so local_file.bad fails, terraform_data.after_bad
# (which depends on it) never runs, and everything independent of it completes.

resource "terraform_data" "base" {
  count = 3
  input = "base-${count.index}"
}

resource "local_file" "ok" {
  filename = "${path.module}/out/ok.txt"
  content  = "ok ${terraform_data.base[1].output}\n"
}

resource "local_file" "bad" {
  filename = "${path.module}/blocker/bad.txt"
  content  = "bad ${terraform_data.base[0].output}\n"
}

resource "terraform_data" "after_bad" {
  input = local_file.bad.id
}

resource "random_id" "side" {
  byte_length = 4
}
