using Lens.Dashboard.Features.Ui;

namespace Lens.Dashboard.Tests.Ui;

public sealed class ThemeCssTests
{
    [Theory]
    // Rules anchored on the document with :has() go; the rest of the sheet is untouched.
    [InlineData(":root:has(.rz-layout){font-size:16px}.rz-button{color:red}", ".rz-button{color:red}")]
    [InlineData(":root:has(.rz-layout) body{margin:0}.a{b:c}", ".a{b:c}")]
    [InlineData("body:has(>.rz-layout){overflow-x:hidden}", "")]
    [InlineData("html:has(.wall) body{background:#000}", "")]
    // In a selector list only the document-anchored selectors go.
    [InlineData(".a,:root:has(.x) .b,.c{d:e}", ".a,.c{d:e}")]
    // :has() anchored elsewhere, and the document elements without :has(), stay.
    [InlineData(".rz-datatable:has(>.rz-data-grid-data:focus){outline:0}", ".rz-datatable:has(>.rz-data-grid-data:focus){outline:0}")]
    [InlineData(":root{--rz-base:#fff}body{margin:0}", ":root{--rz-base:#fff}body{margin:0}")]
    [InlineData("html .x:has(.y){a:b}", "html .x:has(.y){a:b}")]
    [InlineData("bodyish:has(.y){a:b}", "bodyish:has(.y){a:b}")]
    // Grouping rules are walked; other at-rules, strings and comments are copied as they are.
    [InlineData("@media (max-width:768px){:root:has(.rz-layout){a:b}.c{d:e}}", "@media (max-width:768px){.c{d:e}}")]
    [InlineData("@font-face{font-family:\"X\";src:url(\"a}b.woff2\")}", "@font-face{font-family:\"X\";src:url(\"a}b.woff2\")}")]
    [InlineData(".a[title=\"x,:root:has(y)\"]{c:\"}\"}", ".a[title=\"x,:root:has(y)\"]{c:\"}\"}")]
    [InlineData("/* :root:has(.x){} */.a{b:c}", "/* :root:has(.x){} */.a{b:c}")]
    [InlineData("@charset \"UTF-8\";.a{b:c}", "@charset \"UTF-8\";.a{b:c}")]
    public void WithoutDocumentHasRules_OnAStylesheet_DropsOnlyDocumentAnchoredHasSelectors(string css, string expected) =>
        Assert.Equal(expected, ThemeCss.WithoutDocumentHasRules(css));

    [Fact]
    public void WithoutDocumentHasRules_WithAnUnclosedBlock_SaysWhere() =>
        Assert.Contains("character 2", Assert.Throws<FormatException>(() => ThemeCss.WithoutDocumentHasRules(".a{b:c")).Message);

    [Theory]
    [InlineData("src:url(\"../fonts/A.woff2\")", "src:url(\"/_content/Radzen.Blazor/fonts/A.woff2\")")]
    [InlineData("src:url('../fonts/A.woff2')", "src:url(\"/_content/Radzen.Blazor/fonts/A.woff2\")")]
    [InlineData("src:url(img/x.png)", "src:url(\"/_content/Radzen.Blazor/css/img/x.png\")")]
    [InlineData("src:url(\"/already/absolute.woff2\")", "src:url(\"/already/absolute.woff2\")")]
    [InlineData("src:url(data:image/png;base64,AAAA)", "src:url(data:image/png;base64,AAAA)")]
    [InlineData("src:url(https://cdn.example/x.woff2)", "src:url(https://cdn.example/x.woff2)")]
    public void RebaseUrls_WithReferences_ResolvesRelativeOnesAgainstTheOriginalLocation(string css, string expected) =>
        Assert.Equal(expected, ThemeCss.RebaseUrls(css, "_content/Radzen.Blazor/css/material-base.css"));
}
