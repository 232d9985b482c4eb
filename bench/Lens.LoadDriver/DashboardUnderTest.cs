using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Lens.LoadDriver;

/// <summary>Starts the Release-built dashboard as its own process over a temporary database, unless --server names one.</summary>
public sealed class DashboardUnderTest : IAsyncDisposable
{
    private Process? _process;
    private string? _folder;

    public Uri Address { get; private set; } = default!;

    public static async Task<DashboardUnderTest> StartOrAttachAsync(string? server)
    {
        var dut = new DashboardUnderTest();
        if (server is not null)
        {
            dut.Address = new Uri(server.TrimEnd('/') + "/");
            BenchCredentials.Token = Environment.GetEnvironmentVariable("LENS_TOKEN");
            return dut;
        }
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Lens.Dashboard.sln"))) root = root.Parent;
        var binDir = Path.Combine(root?.FullName ?? ".", "src", "Lens.Dashboard", "bin", "Release");
        var binary = Directory.Exists(binDir) ? Directory.GetFiles(binDir, "Lens.Dashboard", SearchOption.AllDirectories).FirstOrDefault() : null;
        if (binary is null) throw new InvalidOperationException("Build it first: dotnet build -c Release src/Lens.Dashboard");

        dut._folder = Directory.CreateTempSubdirectory("lens-bench-").FullName;
        var port = FreePort();
        dut.Address = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(binary, ["--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(binary)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Lens"] = $"Data Source={Path.Combine(dut._folder, "bench.db")}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // An admin token declared for this run only: the driver arranges rollouts and users through the API.
        BenchCredentials.Token = BenchCredentials.NewSecret();
        start.Environment["Auth__Tokens__bench__Role"] = "admin";
        start.Environment["Auth__Tokens__bench__Sha256"] = BenchCredentials.Sha256Of(BenchCredentials.Token);
        dut._process = Process.Start(start)!;
        dut._process.BeginOutputReadLine();
        dut._process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = dut.Address };
        for (var i = 0; i < 300; i++)
        {
            try { if ((await http.GetAsync("health")).IsSuccessStatusCode) return dut; } catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("The dashboard did not start.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        if (_folder is not null) try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
