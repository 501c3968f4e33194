from . import property_training_matrix
