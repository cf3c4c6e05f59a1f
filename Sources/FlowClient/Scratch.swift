enum FlowClientScratch {}
