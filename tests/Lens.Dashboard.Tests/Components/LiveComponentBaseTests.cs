using Bunit;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Ui;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Lens.Dashboard.Tests.Components;

/// <summary>A live panel whose refresh fails says so and keeps saying since when its data is old; it never goes quiet.</summary>
public sealed class LiveComponentBaseTests : ComponentTestBase
{
    private sealed class FlakyPanel : LiveComponentBase
    {
        public static int Loads;
        public static bool Fail;
        private int _shown;

        protected override Task LoadAsync()
        {
            if (Fail) throw new InvalidOperationException("database is locked");
            _shown = ++Loads;
            return Task.CompletedTask;
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<LoadFailureBanner>(0);
            builder.AddComponentParameter(1, nameof(LoadFailureBanner.Failure), Failure);
            builder.CloseComponent();
            builder.OpenElement(2, "span");
            builder.AddAttribute(3, "data-testid", "shown");
            builder.AddContent(4, _shown);
            builder.CloseElement();
        }
    }

    [Fact]
    public void Reload_ThatFails_ShowsTheFailureAndKeepsTheLastGoodData_ThenRecovers()
    {
        FlakyPanel.Loads = 0;
        FlakyPanel.Fail = false;
        var cut = Render<FlakyPanel>();
        Assert.Equal("1", cut.Find("[data-testid=shown]").TextContent);
        var events = App.Get<LensEvents>();

        FlakyPanel.Fail = true;
        events.Publish(new LensEvent(LensEvent.AlertChanged, DateTimeOffset.UtcNow));

        cut.WaitForAssertion(() => Assert.Contains("could not refresh", cut.Find("[data-testid=load-failure]").TextContent));
        Assert.Contains("database is locked", cut.Find("[data-testid=load-failure]").TextContent);
        Assert.Contains("What you see is from", cut.Find("[data-testid=load-failure]").TextContent);
        Assert.Equal("1", cut.Find("[data-testid=shown]").TextContent);

        FlakyPanel.Fail = false;
        events.Publish(new LensEvent(LensEvent.AlertChanged, DateTimeOffset.UtcNow));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=load-failure]")));
        Assert.Equal("2", cut.Find("[data-testid=shown]").TextContent);
    }
}
