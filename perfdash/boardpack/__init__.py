"""The board pack: a council's quarter for its leadership team as PowerPoint and PDF, from one
content object (content.py) that both writers lay out."""
