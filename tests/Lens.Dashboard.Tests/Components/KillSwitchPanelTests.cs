using Bunit;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Components;

public sealed class KillSwitchPanelTests : ComponentTestBase
{
    [Fact]
    public async Task Activate_DatabaseLocked_SaysNotSavedYetUntilItIsStored()
    {
        var (dialogs, snackbars) = RenderProviders();
        var panel = Render<KillSwitchPanel>();
        panel.WaitForElement("[data-testid=killswitch-toggle-manual_emergency]");
        var locker = await DatabaseLock.TakeAsync(App.DatabasePath);

        panel.Find("[data-testid=killswitch-toggle-manual_emergency]").Click();
        Answer(dialogs, DefaultUser, "database stuck, bad deploy");
        // The panel waits a moment on the app's clock for the write, then tells the truth about it.
        await HttpTestExtensions.EventuallyAsync(() => Task.FromResult(App.Get<KillSwitchService>().Pending.Count), n => n == 1, TimeSpan.FromSeconds(2), "the change to be pending");
        App.Clock.Advance(KillSwitchService.DurableWait);

        snackbars.WaitForAssertion(() => Assert.Contains("NOT SAVED", snackbars.Markup));
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=killswitch-unsaved-manual_emergency]")));
        Assert.Equal("true", panel.Find("[data-testid=killswitch-manual_emergency]").GetAttribute("data-active"));

        await locker.DisposeAsync();
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=killswitch-unsaved-manual_emergency]")), TimeSpan.FromSeconds(3));
        Assert.Equal("true", panel.Find("[data-testid=killswitch-manual_emergency]").GetAttribute("data-active"));
    }
}
