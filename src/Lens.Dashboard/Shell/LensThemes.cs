using MudBlazor;

namespace Lens.Dashboard.Shell;

/// <summary>A light theme for desks and a dark, high-contrast one for the wall screen.</summary>
public static class LensThemes
{
    private static readonly string[] Fonts = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"];

    public static readonly MudTheme Desk = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            Secondary = "#5f6b7a",
            Info = "#1565c0",
            Success = "#1b7f3b",
            Warning = "#9a6b00",
            Error = "#c62828",
            AppbarBackground = "#1f2a37",
            AppbarText = "#ffffff",
            Background = "#f5f7fa",
            DrawerBackground = "#ffffff",
            TextPrimary = "#1f2933",
            TextSecondary = "#4a5563",
        },
        Typography = new Typography { Default = new DefaultTypography { FontFamily = Fonts } },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px", AppbarHeight = "56px" },
    };

    public static readonly MudTheme Wall = new()
    {
        PaletteDark = new PaletteDark
        {
            Primary = "#40c4ff",
            PrimaryContrastText = "#000000",
            Info = "#40c4ff",
            Success = "#00e676",
            SuccessContrastText = "#000000",
            Warning = "#ffd600",
            WarningContrastText = "#000000",
            Error = "#ff5252",
            ErrorContrastText = "#000000",
            Background = "#0b0f14",
            Surface = "#121922",
            TextPrimary = "#ffffff",
            TextSecondary = "#d6dde6",
            LinesDefault = "#ffffff",
            Divider = "#5f6b7a",
        },
        Typography = new Typography { Default = new DefaultTypography { FontFamily = Fonts } },
    };
}
