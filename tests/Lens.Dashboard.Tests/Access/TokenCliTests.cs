using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Access;

/// <summary><c>lens token create|list|revoke</c>, and the CLI acting with LENS_TOKEN, in process against the real pipeline.</summary>
public sealed class TokenCliTests : AppTestBase
{
    [Fact]
    public void CreateListRevoke_TheNewSecretWorksUntilRevoked()
    {
        var created = InProcessCli.Run(App, "token", "create", "--name", "ci-bot", "--role", "oncall");
        Assert.True(created.Exit == 0, created.Err);
        var secret = created.Out.Trim();
        Assert.StartsWith("lens_", secret);
        Assert.Contains("not shown again", created.Err);

        var asBot = InProcessCli.RunAs(App, secret, "killswitch", "activate", "--name", "manual_emergency", "--reason", "drill");
        Assert.True(asBot.Exit == 0, asBot.Err);
        Assert.Contains("(token:ci-bot: drill)", asBot.Out);

        var list = InProcessCli.Run(App, "token", "list");
        Assert.Matches(@"ci-bot\s+oncall\s+stored\s+", list.Out);
        Assert.Matches(@"test-admin\s+admin\s+configuration\s+never", list.Out);
        Assert.DoesNotContain(secret, list.Out);

        var revoked = InProcessCli.Run(App, "token", "revoke", "ci-bot");
        Assert.True(revoked.Exit == 0, revoked.Err);
        var after = InProcessCli.RunAs(App, secret, "killswitch", "list");
        Assert.NotEqual(0, after.Exit);
        Assert.Contains("refused (401)", after.Err);
    }

    [Fact]
    public void AnyServerCommand_WithoutLensToken_SaysHowToGetOne()
    {
        var result = InProcessCli.RunAs(App, "", "killswitch", "list");

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("Set LENS_TOKEN", result.Err);
    }

    [Fact]
    public void Create_AsAViewer_IsRefusedWith403()
    {
        var result = InProcessCli.RunAs(App, LensAppFactory.SecretFor("viewer"), "token", "create", "--name", "sneaky", "--role", "admin");

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("refused (403)", result.Err);
        Assert.DoesNotContain("sneaky", InProcessCli.Run(App, "token", "list").Out);
    }
}
