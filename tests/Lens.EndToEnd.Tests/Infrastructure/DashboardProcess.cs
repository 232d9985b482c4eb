using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Lens.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The built dashboard binary, started as its own process on a free loopback port over a temporary
/// SQLite file. It can be killed outright (SIGKILL) and started again on the same port and database.
/// </summary>
public sealed class DashboardProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _settings;
    private Process? _process;
    private readonly List<string> _log = [];

    /// <summary>The secret of the admin token every test dashboard declares in configuration (Auth:Tokens:e2e).</summary>
    public const string AdminSecret = "lens-e2e-admin-secret";

    public DashboardProcess(Dictionary<string, string>? settings = null)
    {
        Folder = Directory.CreateTempSubdirectory("lens-e2e-").FullName;
        Port = FreePort();
        _settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Lens"] = $"Data Source={Path.Combine(Folder, "lens.db")}",
            ["Bench__ResultsFolder"] = Path.Combine(Folder, "bench"),
            ["Analysis__Interval"] = "00:00:01",
            ["Demo__Enabled"] = "false",
            ["Wall__StaleAfter"] = "00:00:08",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Auth__Tokens__e2e__Role"] = "admin",
            ["Auth__Tokens__e2e__Sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(AdminSecret))),
        };
        foreach (var (key, value) in settings ?? []) _settings[key] = value;
    }

    public string Folder { get; }
    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");
    public string Log { get { lock (_log) return string.Join('\n', _log); } }

    /// <summary>The dashboard built in the same configuration as these tests, found from the repository root.</summary>
    public static string BinaryPath
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Lens.Dashboard.sln"))) root = root.Parent;
            if (root is null) throw new InvalidOperationException("Cannot find the repository root (Lens.Dashboard.sln) above " + AppContext.BaseDirectory);
            var configuration = typeof(DashboardProcess).Assembly
                .GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
                .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "Debug";
            var bin = Path.Combine(root.FullName, "src", "Lens.Dashboard", "bin", configuration);
            var found = Directory.Exists(bin) ? Directory.GetFiles(bin, "Lens.Dashboard", SearchOption.AllDirectories) : [];
            return found.OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault() ?? Path.Combine(bin, "Lens.Dashboard");
        }
    }

    public async Task StartAsync()
    {
        var binary = BinaryPath;
        if (!File.Exists(binary)) throw new FileNotFoundException($"Build the dashboard first: {binary} is missing.");
        var start = new ProcessStartInfo(binary, ["--urls", BaseAddress.ToString().TrimEnd('/')])
        {
            WorkingDirectory = Path.GetDirectoryName(binary)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _settings) start.Environment[key] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.Add(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitHealthyAsync(TimeSpan.FromSeconds(30));
        await EnsureUsersAsync();
    }

    /// <summary>Creates the test people through the admin API; after a restart they are already there.</summary>
    private async Task EnsureUsersAsync()
    {
        using var api = new DashboardApi(BaseAddress);
        foreach (var user in DashboardUsers.All)
        {
            var status = await api.TryPostAsync("/api/users", new { userName = user.Name, password = E2eUser.Password, roles = user.Roles, signOffRoles = user.SignOffRoles });
            if (status is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
                throw new InvalidOperationException($"Could not create test user {user.Name}: {status}\n{Log}");
        }
    }

    /// <summary>Ends the process the hard way: no shutdown hooks, no flushing, as a crash or OOM kill would.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// Asks the process to stop as an operator's Ctrl+C or a service manager would (SIGTERM), and waits for it to exit.
    /// Returns how long the stop took.
    /// </summary>
    public async Task<TimeSpan> StopAsync(TimeSpan within)
    {
        if (_process is null || _process.HasExited) return TimeSpan.Zero;
        var stopwatch = Stopwatch.StartNew();
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            await kill!.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(within);
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"The dashboard did not stop within {within} of SIGTERM:\n{Log}"); }
        return stopwatch.Elapsed;
    }

    private async Task WaitHealthyAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < within)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"The dashboard exited with {_process.ExitCode}:\n{Log}");
            try
            {
                if ((await http.GetAsync("health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The dashboard did not become healthy within {within}:\n{Log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
