using Bunit;
using Bunit.TestDoubles;
using Lens.Dashboard.Features.Access;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Features.Metrics;
using Lens.Dashboard.Tests.Infrastructure;
using Lens.Dashboard.Ui;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Lens.Dashboard.Tests.Components;

/// <summary>
/// bUnit over the real app: a component gets the same singletons the running dashboard has (engine, event bus, metrics,
/// flags) over a temporary SQLite file, so clicking a button changes real state that the API then reports.
/// </summary>
public abstract class ComponentTestBase : BunitContext
{
    protected ComponentTestBase() : this(null) { }

    protected ComponentTestBase(Dictionary<string, string?>? settings)
    {
        App = new LensAppFactory(settings: settings);
        Client = App.CreateClient();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(App.Clock);
        Authorization = AddAuthorization();
        SignInAs(DefaultUser, LensRoles.Lead, LensRoles.OnCall);
        foreach (var type in SharedSingletons) Services.AddSingleton(type, App.Services.GetRequiredService(type));
        // MudBlazor's time series draws its lines only after measuring its axis labels in the browser.
        JSInterop.Setup<MudBlazor.Interop.ElementSize>("mudGetSvgBBox", _ => true).SetResult(new MudBlazor.Interop.ElementSize { Width = 28, Height = 14 });
    }

    /// <summary>The app's singletons a component may inject; more are added by the tests that need them.</summary>
    protected virtual IEnumerable<Type> SharedSingletons =>
    [
        typeof(LensEvents), typeof(LiveMetrics), typeof(FlagDirectory), typeof(KillSwitchService),
        typeof(Lens.Dashboard.Features.Rollouts.RolloutEngine), typeof(Lens.Dashboard.Features.Alerts.AlertService),
        typeof(Lens.Dashboard.Features.Alerts.AlertsReadModel), typeof(Lens.Dashboard.Features.Wall.WallSnapshots),
        typeof(Microsoft.Extensions.Options.IOptions<Lens.Dashboard.Features.Wall.WallOptions>),
    ];

    /// <summary>Who the component tests act as unless they sign in as someone else: a lead who is also on call.</summary>
    protected const string DefaultUser = "ann";

    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>Signs the page's viewer in with these roles; the policies they hold follow from <see cref="LensPolicies"/>.</summary>
    protected void SignInAs(string name, params string[] roles)
    {
        Authorization.SetAuthorized(name);
        Authorization.SetRoles(roles);
        Authorization.SetPolicies([.. LensPolicies.Roles.Where(p => LensPolicies.Admits(p.Key, roles)).Select(p => p.Key)]);
    }

    protected LensAppFactory App { get; }
    protected HttpClient Client { get; }

    /// <summary>The providers the layout renders for every page; dialogs and snackbars appear inside them.</summary>
    protected (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars) RenderProviders()
    {
        Render<MudPopoverProvider>();
        return (Render<MudDialogProvider>(), Render<MudSnackbarProvider>());
    }

    /// <summary>Checks the dialog names the signed-in actor, gives the reason, and confirms or cancels.</summary>
    protected static void Answer(IRenderedComponent<MudDialogProvider> dialogs, string actor, string reason, bool confirm = true)
    {
        dialogs.WaitForElement("[data-testid=confirm-dialog]");
        Assert.Equal(actor, dialogs.Find("[data-testid=confirm-actor]").TextContent);
        dialogs.Find("textarea[data-testid=confirm-reason]").Input(reason);
        dialogs.Find(confirm ? "[data-testid=confirm-ok]" : "[data-testid=confirm-cancel]").Click();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Client.Dispose();
        App.Dispose();
    }
}
