namespace Lens.EndToEnd.Tests.Tests;

/// <summary>Browser tests run one at a time: each starts its own dashboard and Chromium, and two cores are all there is.</summary>
[CollectionDefinition("browser", DisableParallelization = true)]
public sealed class BrowserCollection;
