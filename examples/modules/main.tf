# Storage and compute, each in its own module, called from this root module.

module "storage" {
  source = "./modules/storage"

  name_prefix     = "${var.project}-${var.environment}-data-"
  ia_after_days   = 30
  noncurrent_days = 90
}

module "compute" {
  source = "./modules/compute"

  name          = "${var.project}-${var.environment}-app"
  instance_type = var.instance_type
  bucket_name   = module.storage.bucket_name
}
