enum FlowOutputScratch {}
