namespace Lens.Dashboard.Hosting;

/// <summary>
/// Automatic work ends when the app starts stopping, not when its own hosted service is stopped. Hosted services stop
/// one after another, after the server has stopped answering, so a job that waited for its own turn went on acting on
/// a server that no longer answered: the sentinel probed it, saw "connection refused" and tripped a kill switch.
/// </summary>
public static class Shutdown
{
    public static bool IsStopping(this IHostApplicationLifetime lifetime) => lifetime.ApplicationStopping.IsCancellationRequested;

    /// <summary>A token that is cancelled when either <paramref name="token"/> is, or the app starts stopping.</summary>
    public static CancellationTokenSource UntilStopping(this IHostApplicationLifetime lifetime, CancellationToken token) =>
        CancellationTokenSource.CreateLinkedTokenSource(token, lifetime.ApplicationStopping);
}
