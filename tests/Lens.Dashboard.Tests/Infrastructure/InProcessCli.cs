using Lens.Cli;
using Lens.Cli.Server;

namespace Lens.Dashboard.Tests.Infrastructure;

/// <summary>Runs the <c>lens</c> command line in process against a test app's real HTTP pipeline.</summary>
public static class InProcessCli
{
    public static (int Exit, string Out, string Err) Run(LensAppFactory app, params string[] args) => RunAs(app, null, args);

    /// <summary>As <see cref="Run"/>, with a given bearer secret (LENS_TOKEN) instead of the test admin's.</summary>
    public static (int Exit, string Out, string Err) RunAs(LensAppFactory app, string? token, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var handler = app.Server.CreateHandler();
        var exit = LensCli.Run([.. args, "--server", app.Server.BaseAddress.ToString()], stdout, stderr, uri => new DashboardClient(uri, handler, token ?? LensAppFactory.AdminSecret));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
