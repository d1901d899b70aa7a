resource "aws_s3_bucket" "b" {
  bucket = "terrane-destroy-error"
}

# Removed from state before the destroy (terrane state rm), so the bucket is not empty
# when its deletion comes.
resource "aws_s3_object" "o" {
  bucket  = aws_s3_bucket.b.id
  key     = "keep.txt"
  content = "keeps the bucket from being deleted"
}
