namespace Lens.Dashboard.Tests.Infrastructure;

/// <summary>A fresh app over its own temporary database for each test, with a client on the real pipeline.</summary>
public abstract class AppTestBase : IDisposable
{
    protected AppTestBase(TimeSpan? analysisInterval = null)
    {
        App = new LensAppFactory(analysisInterval: analysisInterval);
        Client = App.CreateClient();
    }

    protected LensAppFactory App { get; }
    protected HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        App.Dispose();
        GC.SuppressFinalize(this);
    }
}
