// The HTML dashboard, opened in headless Chromium (Debian's chromium, driven by playwright-core):
// it renders, the bars are drawn, and a failure expands to its reason.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Browser, chromium } from "playwright-core";
import { renderHtml } from "../../gate/report/html";
import { sampleReport } from "./sample-report";

const CHROMIUM = "/usr/bin/chromium";
let browser: Browser;
let file: string;

beforeAll(async () => {
    const report = sampleReport();
    report.items[0].violations[0].message += ' <img src=x onerror="document.title=1">';
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "html-")), "report.html");
    fs.writeFileSync(file, renderHtml(report));
    browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
});

afterAll(async () => {
    await browser?.close();
});

describe("--format html", () => {
    it("is one self-contained file", () => {
        const html = fs.readFileSync(file, "utf8");
        expect(html).not.toMatch(/<(script|link)\b[^>]*\b(src|href)=/i);
        expect(html).toContain("&lt;img src=x onerror=&quot;document.title=1&quot;&gt;");
    });

    it("renders in a browser, with progress bars and a failure that expands to its reason", async () => {
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        await page.goto(`file://${file}`);
        expect(await page.title()).toBe("Readiness: prod");
        expect(await page.textContent("h1")).toBe("Production readiness: stack prod");

        const bar = await page.locator(".checklist > .bar").first().boundingBox();
        expect(bar!.width).toBeGreaterThan(100);
        const failSegment = await page.locator(".checklist > .bar .seg.fail").first().boundingBox();
        expect(failSegment!.width).toBeGreaterThan(0);

        const failure = page.locator('details.item.fail[data-id="WP-1.1.1.1"]');
        const reason = failure.locator(".reasons");
        expect(await reason.isVisible()).toBe(false);
        await failure.locator("summary").click();
        expect(await reason.isVisible()).toBe(true);
        expect(await reason.textContent()).toContain('aws:ec2/instance:Instance "pbx-host": has 1 physical core, at least 4 are required');
        expect(await reason.textContent()).toContain("Set readiness-kit:wardenInstanceType to c7i.2xlarge or larger.");

        const screenshot = await page.screenshot({ fullPage: true });
        expect(screenshot.length).toBeGreaterThan(10_000);
        await page.close();
    });

    it("highlights attestations and waivers that expire within 30 days", async () => {
        const page = await browser.newPage();
        await page.goto(`file://${file}`);
        expect(await page.locator("table tr.expiring").count()).toBe(2);
        expect(await page.locator(".who.expiring").textContent()).toContain("attested by Jane Doe (System Administrator)");
        await page.close();
    });
});
