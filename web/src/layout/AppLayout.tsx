import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CustomerServiceOutlined,
  EditOutlined,
  FileSearchOutlined,
  NotificationOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  HomeOutlined,
  LogoutOutlined,
  MenuOutlined,
  SafetyOutlined,
  SettingOutlined,
  TeamOutlined,
  UploadOutlined,
  UserOutlined,
  BankOutlined,
  IdcardOutlined,
} from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Drawer, Layout, Menu, Segmented, Space, Typography, type MenuProps } from "antd";
import { useState } from "react";
import { Outlet, useLocation, useNavigate } from "react-router-dom";
import { api } from "../api";
import { meKey, useMe } from "../auth/useMe";
import { useIsMobile } from "../components/useIsMobile";
import { type Lang, type MessageKey, useI18n } from "../i18n";
import { label, roleLabels } from "../labels";
import { NotificationBell } from "../features/appeals/NotificationBell";
import type { Me } from "../types";
import { decideNav } from "../features/decide/nav";
import { deliberationNav } from "../features/deliberation/nav";
import { votesNav } from "../features/votes/nav";
import { budgetNav } from "../features/budget/nav";
import { projectsNav } from "../features/projects/nav";
import { disclosureNav } from "../features/disclosure/nav";
import { evaluationNav } from "../features/evaluation/nav";

export interface NavItem {
  path: string;
  key: MessageKey;
  icon: React.ReactNode;
  /** Shown when the user holds this permission (or any of these). */
  perm?: string | string[];
  /** …and also this one. */
  alsoPerm?: string;
  residentOnly?: boolean;
  /** Shown to residents too (when they hold `perm`). */
  residents?: boolean;
  group?: "appeals" | "decide";
}

export const NAV: NavItem[] = [
  { path: "/", key: "navDashboard", icon: <DashboardOutlined />, perm: "registry.read" },
  ...decideNav,
  { path: "/me", key: "navMyInfo", icon: <IdcardOutlined />, residentOnly: true },
  { path: "/map", key: "navMap", icon: <EnvironmentOutlined />, perm: "registry.read" },
  { path: "/areas", key: "navAreas", icon: <ApartmentOutlined />, perm: "registry.read" },
  { path: "/buildings", key: "navBuildings", icon: <BankOutlined />, perm: "registry.read" },
  { path: "/households", key: "navHouseholds", icon: <HomeOutlined />, perm: "registry.read" },
  { path: "/residents", key: "navResidents", icon: <TeamOutlined />, perm: "registry.read" },
  { path: "/import", key: "navImport", icon: <UploadOutlined />, perm: "registry.import" },
  { path: "/audit", key: "navAudit", icon: <AuditOutlined />, perm: "audit.read" },
  { path: "/users", key: "navUsers", icon: <UserOutlined />, perm: "user.manage" },
  { path: "/security", key: "navSecurity", icon: <SafetyOutlined />, perm: "security.manage" },
  // 接诉即办
  {
    path: "/appeals/new",
    key: "navAppealNew",
    icon: <EditOutlined />,
    perm: ["appeal.submit", "appeal.intake"],
    residents: true,
    group: "appeals",
  },
  {
    path: "/appeals/mine",
    key: "navMyAppeals",
    icon: <ProfileOutlined />,
    perm: "appeal.submit",
    residents: true,
    group: "appeals",
  },
  {
    path: "/appeals/hotline",
    key: "navHotline",
    icon: <CustomerServiceOutlined />,
    perm: "appeal.intake",
    alsoPerm: "appeal.callback",
    group: "appeals",
  },
  {
    path: "/appeals/board",
    key: "navBoard",
    icon: <FileSearchOutlined />,
    perm: ["appeal.dispatch", "appeal.supervise", "appeal.callback"],
    group: "appeals",
  },
  { path: "/appeals/tasks", key: "navTasks", icon: <ScheduleOutlined />, perm: "appeal.handle", group: "appeals" },
  {
    path: "/appeals/whistles",
    key: "navWhistles",
    icon: <NotificationOutlined />,
    perm: ["appeal.dispatch", "appeal.handle"],
    group: "appeals",
  },
  { path: "/appeals/dashboard", key: "navAppealStats", icon: <BarChartOutlined />, perm: "appeal.read", group: "appeals" },
  { path: "/appeals/admin", key: "navAppealAdmin", icon: <SettingOutlined />, perm: "appeal.admin", group: "appeals" },
  // 居民议事: residents decide
  ...deliberationNav,
  ...votesNav,
  ...budgetNav,
  ...projectsNav,
  ...disclosureNav,
  ...evaluationNav,
];

function isResidentUser(me: Me | null | undefined): boolean {
  return me?.kind === "resident" || me?.role === "resident";
}

/** Whether a menu entry is for this user. */
export function navAllowed(n: NavItem, me: Me | null | undefined): boolean {
  const has = (p: string) => !!me?.permissions.includes(p);
  if (n.residentOnly) return isResidentUser(me);
  if (isResidentUser(me) && !n.residents) return false;
  if (!n.perm) return true;
  const any = Array.isArray(n.perm) ? n.perm.some(has) : has(n.perm);
  return any && (!n.alsoPerm || has(n.alsoPerm));
}

function selectedKey(pathname: string): string {
  const map: Record<string, string> = { grids: "/map" };
  const [, first = "", second = ""] = pathname.split("/");
  if (!first) return "/";
  if (first === "appeals") return second === "orders" ? "/appeals/board" : `/appeals/${second}`;
  if (first === "decide") return second ? `/decide/${second}` : "/decide";
  return map[first] ?? `/${first}`;
}

export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const { data: me } = useMe();
  const isMobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();

  const allowed = NAV.filter((n) => navAllowed(n, me));
  const entry = (n: NavItem) => ({
    key: n.path,
    icon: n.icon,
    // A grid worker's report is a patrol report (巡查上报).
    label: n.path === "/appeals/new" && me?.role === "grid" ? t("navPatrolReport") : t(n.key),
  });
  const appealItems = allowed.filter((n) => n.group === "appeals").map(entry);
  const decideItems = allowed.filter((n) => n.group === "decide").map(entry);
  const items: MenuProps["items"] = [
    ...allowed.filter((n) => !n.group).map(entry),
    ...(appealItems.length ? [{ key: "appeals", icon: <AlertOutlined />, label: t("navAppeals"), children: appealItems }] : []),
    ...(decideItems.length ? [{ key: "decide", icon: <TeamOutlined />, label: t("navDecide"), children: decideItems }] : []),
  ];

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selectedKey(location.pathname)]}
      defaultOpenKeys={["appeals", "decide"]}
      items={items}
      onClick={({ key }) => {
        navigate(key);
        setDrawerOpen(false);
      }}
      style={{ borderInlineEnd: 0 }}
    />
  );

  async function logout() {
    try {
      await api.post("/api/auth/logout");
    } catch {
      // already logged out
    }
    qc.setQueryData(meKey, null);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== "auth" });
    navigate("/login", { replace: true });
  }

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header
        style={{
          display: "flex",
          alignItems: "center",
          gap: 12,
          paddingInline: isMobile ? 12 : 24,
          background: "#fff",
          borderBottom: "1px solid #f0f0f0",
          position: "sticky",
          top: 0,
          zIndex: 10,
        }}
      >
        {isMobile && <Button type="text" icon={<MenuOutlined />} aria-label={t("menu")} onClick={() => setDrawerOpen(true)} />}
        <Typography.Text
          strong
          style={{ fontSize: isMobile ? 15 : 18, whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis", flex: 1 }}
        >
          {isMobile ? t("appShort") : t("appName")}
        </Typography.Text>
        <Space size={isMobile ? 4 : 12}>
          {me && <NotificationBell />}
          {me && (
            <Typography.Text data-testid="current-user" style={{ whiteSpace: "nowrap" }}>
              {me.displayName}
              {!isMobile && <Typography.Text type="secondary"> · {label(roleLabels, me.role, lang)}</Typography.Text>}
            </Typography.Text>
          )}
          <Segmented<Lang>
            size="small"
            value={lang}
            onChange={(v) => setLang(v)}
            options={[
              { label: "中", value: "zh" },
              { label: "EN", value: "en" },
            ]}
          />
          <Button type="text" icon={<LogoutOutlined />} onClick={logout} title={t("logout")} aria-label={t("logout")}>
            {isMobile ? null : t("logout")}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        {isMobile ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={240}
            title={t("appShort")}
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        ) : (
          <Layout.Sider
            width={200}
            theme="light"
            breakpoint="lg"
            collapsedWidth={64}
            style={{ borderInlineEnd: "1px solid #f0f0f0" }}
          >
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
