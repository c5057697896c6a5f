"""The golden-file eval suite, its regression gate and reports, and the faithfulness checker."""
